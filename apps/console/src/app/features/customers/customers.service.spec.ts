import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { CustomersService } from './customers.service';

describe(CustomersService.name, () => {
  it('deletes with the audit reason in the body, as the API reads it', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);

    const done = firstValueFrom(TestBed.inject(CustomersService).delete('c-1', 'Salah input, data ganda'));
    const request = backend.expectOne('/api/v1/customers/c-1');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.body).toEqual({ reason: 'Salah input, data ganda' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    backend.verify();
  });
});
