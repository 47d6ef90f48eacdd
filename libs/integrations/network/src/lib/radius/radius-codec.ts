// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of the untyped `radius` package, also for projects that import this file
/// <reference path="../../types/radius.d.ts" />
import path from 'node:path';
import radius from 'radius';

// The `radius` package reads its dictionaries once, on first use: the MikroTik attributes must be added before.
radius.add_dictionary(path.join(__dirname, 'dictionary.mikrotik'));

/** The `radius` package with the MikroTik vendor dictionary loaded; import it from here only. */
export { radius };

/** Attribute list as the `radius` package encodes it: `[name, value]`, or `['Vendor-Specific', vendor, [...]]`. */
export type RadiusAttributes = Array<[string, unknown] | ['Vendor-Specific', string, Array<[string, unknown]>]>;

/** `[name, value]` pairs for standard and MikroTik attributes (`Mikrotik-*` become one Vendor-Specific). */
export function encodeAttributes(attributes: Array<{ attribute: string; value: string | number | Date }>): RadiusAttributes {
  const vendor = attributes.filter((a) => a.attribute.startsWith('Mikrotik-')).map((a): [string, unknown] => [a.attribute, a.value]);
  const standard = attributes.filter((a) => !a.attribute.startsWith('Mikrotik-')).map((a): [string, unknown] => [a.attribute, numericIfTimeout(a)]);
  return vendor.length > 0 ? [...standard, ['Vendor-Specific', 'Mikrotik', vendor]] : standard;
}

function numericIfTimeout(a: { attribute: string; value: string | number | Date }): unknown {
  return /-Timeout$/.test(a.attribute) ? Number(a.value) : a.value;
}
