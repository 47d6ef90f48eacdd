import { formatGatewayReference, parseGatewayReference } from './gateway-reference';

describe('gateway reference', () => {
  describe(parseGatewayReference.name, () => {
    it('reads back the tenant number and invoice number of a formatted reference', () => {
      expect(parseGatewayReference(formatGatewayReference(12, 'INV/2026/11/000123'))).toEqual({ tenantReferenceNo: 12, invoiceNumber: 'INV/2026/11/000123' });
      expect(parseGatewayReference(formatGatewayReference(3, 'INV-T5-1'))).toEqual({ tenantReferenceNo: 3, invoiceNumber: 'INV-T5-1' });
    });

    it('treats an order id without the tenant prefix as a bare invoice number', () => {
      expect(parseGatewayReference('INV/2026/11/000123')).toEqual({ invoiceNumber: 'INV/2026/11/000123' });
      expect(parseGatewayReference('T0-INV/1')).toEqual({ invoiceNumber: 'T0-INV/1' });
      expect(parseGatewayReference('T12')).toEqual({ invoiceNumber: 'T12' });
    });
  });
});
