import { escapeHtml } from '../html';
import type { ProblemDetails } from './problem';

/** A plain page saying what went wrong, for a customer. */
export function renderProblemPage(problem: Pick<ProblemDetails, 'title' | 'detail'>): string {
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(problem.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.3rem}.muted{color:#6b7280}</style></head>
<body>
<h1>${escapeHtml(problem.title)}</h1>
<p>${escapeHtml(problem.detail)}</p>
<p class="muted">Bila Anda menerima tautan ini dari penyedia internet Anda, hubungi mereka untuk tautan yang baru.</p>
</body></html>`;
}
