import { IndexedValueType, indexedValueTypeFromName, SearchAttributeRegistry } from './search-attributes';

const { INDEXED_VALUE_TYPE_KEYWORD: KEYWORD, INDEXED_VALUE_TYPE_INT: INT } = IndexedValueType;

describe(SearchAttributeRegistry.name, () => {
  describe('add', () => {
    it('registers custom attributes per namespace', () => {
      const registry = new SearchAttributeRegistry();
      registry.add('default', { LunasDunningStage: KEYWORD });
      expect(registry.list('default').customAttributes).toEqual({ LunasDunningStage: KEYWORD });
      expect(registry.list('other').customAttributes).toEqual({});
      expect(registry.resolve('default', 'LunasDunningStage')).toEqual({ name: 'LunasDunningStage', type: KEYWORD, category: 'custom' });
    });

    it.each([
      [{}, 3, 'SearchAttributes are not set on request.'],
      [{ WorkflowId: KEYWORD }, 3, 'Search attribute WorkflowId is reserved by system.'],
      [{ TemporalFoo: KEYWORD }, 3, 'Search attribute TemporalFoo is reserved by system.'],
      [{ BuildIds: KEYWORD }, 3, 'Search attribute BuildIds is reserved by system.'],
      [{ Memo: KEYWORD }, 3, 'Search attribute Memo is reserved by system.'],
      [{ Lunas: 99 as IndexedValueType }, 3, 'Unknown search attribute type: 99.'],
      [{ Existing: KEYWORD }, 6, 'Search attribute Existing already exists.'],
    ])('refuses %p with code %p: %p', (attributes, code, message) => {
      const registry = new SearchAttributeRegistry();
      registry.add('default', { Existing: KEYWORD });
      expect(() => registry.add('default', attributes)).toThrow(expect.objectContaining({ code, message }));
    });

    it('limits each type to the configured number, leaving the registry untouched on failure', () => {
      const registry = new SearchAttributeRegistry();
      registry.add('default', { A: INT, B: INT });
      expect(() => registry.add('default', { C: INT, D: INT })).toThrow(
        'Unable to create search attributes: cannot have more than 3 search attribute of type Int.',
      );
      expect(Object.keys(registry.list('default').customAttributes)).toEqual(['A', 'B']);
      expect(() => new SearchAttributeRegistry({ maxPerType: { [INT]: 1 } }).add('default', { A: INT, B: INT })).toThrow(
        'cannot have more than 1 search attribute of type Int',
      );
    });
  });

  describe('remove', () => {
    it('removes custom attributes', () => {
      const registry = new SearchAttributeRegistry();
      registry.add('default', { A: KEYWORD });
      registry.remove('default', ['A']);
      expect(registry.resolve('default', 'A')).toBeUndefined();
    });

    it('refuses unknown and system attributes', () => {
      const registry = new SearchAttributeRegistry();
      expect(() => registry.remove('default', ['Nope'])).toThrow(expect.objectContaining({ code: 5, message: "Search attribute Nope doesn't exist." }));
      expect(() => registry.remove('default', ['WorkflowId'])).toThrow(
        expect.objectContaining({ code: 3, message: 'Unable to remove non-custom search attributes: WorkflowId.' }),
      );
    });
  });

  describe('list', () => {
    it('lists system and predefined attributes as system ones', () => {
      const { systemAttributes } = new SearchAttributeRegistry().list('default');
      expect(systemAttributes).toMatchObject({
        WorkflowId: KEYWORD,
        ExecutionStatus: KEYWORD,
        StartTime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
        HistoryLength: INT,
        BuildIds: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
      });
    });
  });

  describe('resolve', () => {
    it('finds predefined attributes without their Temporal prefix', () => {
      expect(new SearchAttributeRegistry().resolve('default', 'ScheduledById')).toEqual({
        name: 'TemporalScheduledById',
        type: KEYWORD,
        category: 'predefined',
      });
    });
  });

  describe('snapshot', () => {
    it('restores what it saved', () => {
      const registry = new SearchAttributeRegistry();
      registry.add('default', { A: KEYWORD });
      const restored = new SearchAttributeRegistry();
      restored.restore(JSON.parse(JSON.stringify(registry.snapshot())));
      expect(restored.list('default').customAttributes).toEqual({ A: KEYWORD });
    });
  });
});

describe(indexedValueTypeFromName.name, () => {
  it.each([
    ['Keyword', IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD],
    ['KEYWORD', IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD],
    ['keyword', IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD],
    ['KEYWORD_LIST', IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST],
    ['KeywordList', IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST],
    ['DATETIME', IndexedValueType.INDEXED_VALUE_TYPE_DATETIME],
    ['INDEXED_VALUE_TYPE_BOOL', IndexedValueType.INDEXED_VALUE_TYPE_BOOL],
  ])('reads %s whatever its case or underscores, as the Temporal CLI does', (name, type) => {
    expect(indexedValueTypeFromName(name)).toBe(type);
  });

  it('knows no made-up type', () => {
    expect(indexedValueTypeFromName('Keywords')).toBeUndefined();
  });
});
