import { parseStatementAmount } from './statement-amount';

describe('parseStatementAmount', () => {
  it.each([
    ['1,500,000.00', 'en', 1500000],
    ['1500000.00', 'en', 1500000],
    ['150000', 'en', 150000],
    ['1.500.000,00', 'id', 1500000],
    ['1500000,00', 'id', 1500000],
    ['1.500.000', 'id', 1500000],
  ] as const)('reads %s (%s style) as %i rupiah', (text, style, rupiah) => {
    expect(parseStatementAmount(text, style)).toEqual({ ok: true, rupiah });
  });

  it.each([
    ['1.500.000,00', 'en'],
    ['1,500,000.00', 'id'],
    ['1,50,000.00', 'en'],
    ['-5000.00', 'en'],
    ['', 'en'],
    ['Rp 5.000', 'id'],
  ] as const)('refuses %j in %s style', (text, style) => {
    expect(parseStatementAmount(text, style)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('refuses non-zero cents', () => {
    expect(parseStatementAmount('1.234,56', 'id')).toEqual({ ok: false, problem: 'fractional' });
  });
});
