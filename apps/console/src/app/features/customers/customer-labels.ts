import type { StatusLabel } from '../../shared/labels/status-labels';

export const CUSTOMER_STATUS_LABELS: Record<string, StatusLabel> = {
  active: { label: 'Aktif', tone: 'good' },
  inactive: { label: 'Nonaktif', tone: 'neutral' },
};
