import { HttpErrorResponse } from '@angular/common/http';
import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { applyServerErrors, controlError } from './server-errors';

function refused(errors: { field: string; message: string }[], detail = 'Data tidak valid.'): HttpErrorResponse {
  return new HttpErrorResponse({ status: 400, error: { type: 'about:blank', title: 'Bad Request', status: 400, detail, instance: '/x', errors } });
}

describe(applyServerErrors.name, () => {
  const form = () =>
    new FormGroup({
      phone: new FormControl(''),
      steps: new FormArray([new FormGroup({ dayOffset: new FormControl(0) }), new FormGroup({ dayOffset: new FormControl(3) })]),
    });

  it('puts each field error on its control, nested paths included, and says nothing above the form', () => {
    const customer = form();

    const general = applyServerErrors(customer, refused([
      { field: 'phone', message: 'Nomor HP tidak valid.' },
      { field: 'policy.steps[1].dayOffset', message: 'Hari harus lebih besar dari langkah sebelumnya.' },
    ]), 'policy.');

    expect(general).toBeNull();
    expect(controlError(customer.get('phone'))).toBe('Nomor HP tidak valid.');
    expect(customer.get('phone')?.touched).toBe(true);
    expect(controlError(customer.get(['steps', 1, 'dayOffset']))).toBe('Hari harus lebih besar dari langkah sebelumnya.');
    expect(controlError(customer.get(['steps', 0, 'dayOffset']))).toBeNull();
  });

  it('returns the detail when a field has no control or no field is named', () => {
    expect(applyServerErrors(form(), refused([{ field: 'nik', message: 'NIK harus 16 angka.' }], 'NIK salah.'))).toBe('NIK salah.');
    expect(applyServerErrors(form(), refused([], 'Pelanggan sudah punya tagihan.'))).toBe('Pelanggan sudah punya tagihan.');
  });
});

describe(controlError.name, () => {
  it('shows the first broken client rule in Indonesian when the server said nothing', () => {
    const control = new FormControl('', Validators.required);

    expect(controlError(control)).toBe('Wajib diisi.');
    expect(controlError(control, { required: 'Isi nama pelanggan.' })).toBe('Isi nama pelanggan.');
  });
});
