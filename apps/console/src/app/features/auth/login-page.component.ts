import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { finalize } from 'rxjs';
import { RETURN_URL_PARAM } from '../../core/auth/auth.guards';
import { AuthService } from '../../core/auth/auth.service';
import { apiErrorMessage } from '../../core/http/api-error-message';

/** Sign-in with username and password; shows the API's refusal (wrong password, locked account) as sent. */
@Component({
  selector: 'lunas-login-page',
  imports: [ReactiveFormsModule],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly submitting = signal(false);
  protected readonly errorMessage = signal<string | null>(null);

  protected signIn(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.errorMessage.set(null);
    this.auth
      .signIn(this.form.getRawValue())
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => void this.router.navigateByUrl(this.returnUrl()),
        error: (error: unknown) => this.errorMessage.set(apiErrorMessage(error)),
      });
  }

  protected showsRequiredError(control: 'username' | 'password'): boolean {
    const field = this.form.controls[control];
    return field.touched && field.hasError('required');
  }

  /** Only paths inside the console, so a crafted link cannot send the operator elsewhere. */
  private returnUrl(): string {
    const requested = this.route.snapshot.queryParamMap.get(RETURN_URL_PARAM);
    return requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/';
  }
}
