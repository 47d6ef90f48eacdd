// The package's Tailwind preset is imported by file path: its package exports only offer an `import`
// condition and the preset imports './plugin' without an extension, which Tailwind's loader resolves.
import defaultTheme from 'tailwindcss/defaultTheme.js';
import temporalPreset from './node_modules/@temporalio/ui/dist/theme/preset.js';

/** @type {import('tailwindcss').Config} */
export default {
  presets: [temporalPreset],
  content: ['./src/**/*.{html,js,svelte,ts}', './node_modules/@temporalio/ui/dist/**/*.{js,svelte}'],
  darkMode: ['selector', '[data-theme="dark"]'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['Inter Variable', ...defaultTheme.fontFamily.sans],
        mono: ['Noto Sans Mono', ...defaultTheme.fontFamily.mono],
      },
    },
  },
};
