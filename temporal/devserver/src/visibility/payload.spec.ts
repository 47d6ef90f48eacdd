import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';
import {
  decodeTypedSearchAttributes,
  encodeUnifiedSearchAttributes,
} from '@temporalio/common/lib/converter/payload-search-attributes';
import {
  applySearchAttributeUpserts,
  decodeSearchAttributePayload,
  decodeSearchAttributes,
  encodeSearchAttributePayload,
  encodeSearchAttributes,
  Payload,
} from './payload';
import { IndexedValueType } from './search-attributes';
import { lunasRegistry } from './test-records';

const registry = lunasRegistry();
const keys = {
  stage: defineSearchAttributeKey('LunasDunningStage', SearchAttributeType.KEYWORD),
  note: defineSearchAttributeKey('LunasNote', SearchAttributeType.TEXT),
  outstanding: defineSearchAttributeKey('LunasOutstanding', SearchAttributeType.INT),
  score: defineSearchAttributeKey('LunasScore', SearchAttributeType.DOUBLE),
  suspended: defineSearchAttributeKey('LunasSuspended', SearchAttributeType.BOOL),
  dueAt: defineSearchAttributeKey('LunasDueAt', SearchAttributeType.DATETIME),
  tags: defineSearchAttributeKey('LunasTags', SearchAttributeType.KEYWORD_LIST),
};
const values = {
  LunasDunningStage: 'suspended',
  LunasNote: 'bayar Jumat',
  LunasOutstanding: 250000,
  LunasScore: 0.75,
  LunasSuspended: false,
  LunasDueAt: new Date('2024-03-10T17:00:00.120Z'),
  LunasTags: ['fiber', 'mitra-bandung'],
};
const json = (text: string): Payload => ({
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode(text),
});

describe('search attribute payloads', () => {
  describe(decodeSearchAttributes.name, () => {
    it('decodes what @temporalio/client sends as typed search attributes', () => {
      const sent = encodeUnifiedSearchAttributes(undefined, [
        { key: keys.stage, value: values.LunasDunningStage },
        { key: keys.note, value: values.LunasNote },
        { key: keys.outstanding, value: values.LunasOutstanding },
        { key: keys.score, value: values.LunasScore },
        { key: keys.suspended, value: values.LunasSuspended },
        { key: keys.dueAt, value: values.LunasDueAt },
        { key: keys.tags, value: values.LunasTags },
      ]);
      expect(decodeSearchAttributes('default', sent, registry)).toEqual(values);
    });

    it('decodes an unset (null) value from an upsert as null', () => {
      const sent = encodeUnifiedSearchAttributes(undefined, [{ key: keys.stage, value: null }]);
      expect(decodeSearchAttributes('default', sent, registry)).toEqual({ LunasDunningStage: null });
    });

    it('decodes the legacy untyped form: arrays without type metadata', () => {
      const sent = encodeUnifiedSearchAttributes({ LunasDunningStage: ['warning'], LunasTags: ['a', 'b'] });
      expect(decodeSearchAttributes('default', sent, registry)).toEqual({ LunasDunningStage: 'warning', LunasTags: ['a', 'b'] });
    });

    it.each([
      ['WorkflowId', json('"x"'), "WorkflowId attribute can't be set in SearchAttributes"],
      ['Undefined', json('"x"'), 'search attribute Undefined is not defined'],
      ['LunasOutstanding', json('"many"'), 'many is not a valid value for search attribute LunasOutstanding of type Int'],
      ['LunasOutstanding', json('1.5'), '1.5 is not a valid value for search attribute LunasOutstanding of type Int'],
      ['LunasDueAt', json('"tomorrow"'), 'tomorrow is not a valid value for search attribute LunasDueAt of type Datetime'],
      ['LunasDunningStage', json('["a","b"]'), '[a b] is not a valid value for search attribute LunasDunningStage of type Keyword'],
    ])('refuses %p = %p with INVALID_ARGUMENT', (name, payload, message) => {
      expect(() => decodeSearchAttributes('default', { [name]: payload }, registry)).toThrow(
        expect.objectContaining({ code: 3, message }),
      );
    });
  });

  describe(encodeSearchAttributes.name, () => {
    it('encodes values that @temporalio/client decodes back to the same typed search attributes', () => {
      const decoded = decodeTypedSearchAttributes(encodeSearchAttributes('default', values, registry));
      expect(decoded.get(keys.stage)).toBe(values.LunasDunningStage);
      expect(decoded.get(keys.note)).toBe(values.LunasNote);
      expect(decoded.get(keys.outstanding)).toBe(values.LunasOutstanding);
      expect(decoded.get(keys.score)).toBe(values.LunasScore);
      expect(decoded.get(keys.suspended)).toBe(values.LunasSuspended);
      expect(decoded.get(keys.dueAt)).toEqual(values.LunasDueAt);
      expect(decoded.get(keys.tags)).toEqual(values.LunasTags);
      expect(decoded).toBeInstanceOf(TypedSearchAttributes);
    });

    it('writes Datetime the way the server does (RFC 3339, no trailing zeros) with type metadata', () => {
      const payload = encodeSearchAttributePayload(values.LunasDueAt, IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
      const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? undefined);
      expect(text(payload.data)).toBe('"2024-03-10T17:00:00.12Z"');
      expect(text(payload.metadata?.type)).toBe('Datetime');
      expect(text(payload.metadata?.encoding)).toBe('json/plain');
    });
  });

  describe(decodeSearchAttributePayload.name, () => {
    it('uses the payload\'s own type metadata when no type is given', () => {
      const payload = encodeSearchAttributePayload(['x'], IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
      expect(decodeSearchAttributePayload(payload)).toEqual(['x']);
    });

    it('treats an empty list as unset', () => {
      expect(decodeSearchAttributePayload(json('[]'), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST)).toBeNull();
    });
  });

  describe(applySearchAttributeUpserts.name, () => {
    it('sets new values and removes nulls', () => {
      expect(applySearchAttributeUpserts({ A: 'a', B: 1 }, { A: null, C: true })).toEqual({ B: 1, C: true });
    });
  });
});
