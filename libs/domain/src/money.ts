/** Integer rupiah. */
export type Rupiah = number;
