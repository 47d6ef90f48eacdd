import { convertToParamMap } from '@angular/router';
import { changedQueryParams, listQueryParams, readListQuery, sortParam, sortState } from './list-query';

describe(readListQuery.name, () => {
  it('reads page, size, sort, search and the known filters from the URL', () => {
    const query = readListQuery(convertToParamMap({ page: '3', pageSize: '50', sort: '-dueAt', q: ' andi ', status: 'unpaid', other: 'x' }), ['status', 'period']);

    expect(query).toEqual({ page: 3, pageSize: 50, sort: '-dueAt', q: 'andi', filters: { status: 'unpaid' } });
  });

  it('falls back to page 1 of 25 for missing or malformed numbers', () => {
    expect(readListQuery(convertToParamMap({ page: '-1', pageSize: 'abc' }), [])).toEqual({ page: 1, pageSize: 25, sort: null, q: null, filters: {} });
  });
});

describe(listQueryParams.name, () => {
  it('leaves defaults out of the URL', () => {
    expect(listQueryParams({ page: 1, pageSize: 25, sort: null, q: null, filters: { status: 'paid' } })).toEqual({ status: 'paid' });
    expect(listQueryParams({ page: 2, pageSize: 10, sort: 'name', q: 'budi', filters: {} })).toEqual({ page: '2', pageSize: '10', sort: 'name', q: 'budi' });
  });
});

describe(changedQueryParams.name, () => {
  it('goes back to page 1 on a new search, filter or sort, and clears empty values', () => {
    expect(changedQueryParams({ q: '  ' })).toEqual({ page: null, q: null });
    expect(changedQueryParams({ filter: ['status', 'active'] })).toEqual({ page: null, status: 'active' });
    expect(changedQueryParams({ sort: '-name' })).toEqual({ page: null, sort: '-name' });
  });

  it('keeps the page when paging', () => {
    expect(changedQueryParams({ page: 4, pageSize: 50 })).toEqual({ page: 4, pageSize: 50 });
    expect(changedQueryParams({ page: 1, pageSize: 25 })).toEqual({ page: null, pageSize: null });
  });
});

describe('sort', () => {
  it('writes a descending column with a leading minus and reads it back for MatSort', () => {
    expect(sortParam('dueAt', 'desc')).toBe('-dueAt');
    expect(sortParam('dueAt', 'asc')).toBe('dueAt');
    expect(sortParam('dueAt', '')).toBeNull();
    expect(sortState('-dueAt')).toEqual({ active: 'dueAt', direction: 'desc' });
    expect(sortState(null)).toEqual({ active: '', direction: '' });
  });
});
