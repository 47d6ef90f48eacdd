import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { filter, Observable } from 'rxjs';
import { apiErrorMessage } from '../../core/http/api-error-message';

/** The longest reason the API takes (audit log, timeline). */
export const REASON_MAX_LENGTH = 500;
export const REASON_REQUIRED = 'Isi alasannya: alasan dicatat di jejak audit.';
export const FIELD_REQUIRED = 'Wajib diisi.';

/** An extra input an action needs besides its reason (a date, a choice). */
export interface ConfirmField {
  key: string;
  label: string;
  type: 'date' | 'select' | 'text' | 'number' | 'password';
  /** A select that takes several values (its value is then a list). */
  multiple?: boolean;
  options?: readonly { value: string; label: string }[];
  initial?: ConfirmFieldValue;
  hint?: string;
}

export type ConfirmFieldValue = string | string[];

export interface ConfirmActionData {
  title: string;
  /** What will happen, in one or two sentences: the operator confirms knowing the effect. */
  effect: string;
  confirmLabel: string;
  /** Destructive actions (isolir, batalkan) show a red button. */
  danger?: boolean;
  fields?: readonly ConfirmField[];
  /** Sends the request; the dialog stays open showing the API's answer when it fails. */
  submit: (input: ConfirmActionInput) => Observable<unknown>;
}

export interface ConfirmActionInput {
  reason: string;
  values: Record<string, ConfirmFieldValue>;
}

/**
 * Every state change an operator makes goes through this dialog: it says the effect, asks for the reason (audit log)
 * and any field the action needs, sends the request and closes with the answer — or shows what went wrong and stays
 * open.
 */
@Component({
  selector: 'lunas-confirm-action-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, FormsModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p class="effect">{{ data.effect }}</p>
        @for (field of data.fields ?? []; track field.key) {
          <mat-form-field class="full">
            <mat-label>{{ field.label }}</mat-label>
            @if (field.type === 'select') {
              <mat-select [name]="field.key" [multiple]="field.multiple ?? false" [ngModel]="values()[field.key]" (ngModelChange)="setValue(field.key, $event)">
                @for (option of field.options ?? []; track option.value) {
                  <mat-option [value]="option.value">{{ option.label }}</mat-option>
                }
              </mat-select>
            } @else {
              <input matInput [type]="field.type" [name]="field.key" [ngModel]="values()[field.key]" (ngModelChange)="setValue(field.key, $event)" />
            }
            @if (field.hint) {
              <mat-hint>{{ field.hint }}</mat-hint>
            }
          </mat-form-field>
          @if (missing()[field.key]) {
            <p class="error-text field-error" role="alert">{{ field.label }}: {{ fieldRequired }}</p>
          }
        }
        <mat-form-field class="full">
          <mat-label>Alasan</mat-label>
          <textarea matInput name="reason" rows="3" [maxlength]="reasonMaxLength" [ngModel]="reason()" (ngModelChange)="reason.set($event)" cdkFocusInitial></textarea>
          <mat-hint align="end">{{ reason().length }}/{{ reasonMaxLength }}</mat-hint>
        </mat-form-field>
        @if (reasonMissing()) {
          <p class="error-text" role="alert">{{ reasonRequired }}</p>
        }
        @if (failure(); as message) {
          <p class="error-text" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="sending()">Batal</button>
        <button mat-flat-button type="submit" [class.danger]="data.danger" [disabled]="sending()">{{ data.confirmLabel }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
    .effect { margin-top: 0; }
    .field-error { margin: -0.75rem 0 0.75rem; font-size: 0.85rem; }
    button.danger { --mat-button-filled-container-color: var(--danger); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmActionDialogComponent {
  protected readonly data = inject<ConfirmActionData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ConfirmActionDialogComponent, unknown>>(MatDialogRef);

  protected readonly reasonMaxLength = REASON_MAX_LENGTH;
  protected readonly reasonRequired = REASON_REQUIRED;
  protected readonly fieldRequired = FIELD_REQUIRED;
  protected readonly reason = signal('');
  protected readonly values = signal<Record<string, ConfirmFieldValue>>(
    Object.fromEntries((this.data.fields ?? []).map((field) => [field.key, field.initial ?? ''])),
  );
  protected readonly reasonMissing = signal(false);
  protected readonly missing = signal<Record<string, boolean>>({});
  protected readonly sending = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected setValue(key: string, value: ConfirmFieldValue): void {
    this.values.update((values) => ({ ...values, [key]: value }));
  }

  protected confirm(): void {
    const reason = this.reason().trim();
    const missing = Object.fromEntries((this.data.fields ?? []).map((field) => [field.key, isBlank(this.values()[field.key])]));
    this.missing.set(missing);
    this.reasonMissing.set(reason === '');
    if (reason === '' || Object.values(missing).some(Boolean)) {
      return;
    }
    this.sending.set(true);
    this.failure.set(null);
    this.data.submit({ reason, values: this.values() }).subscribe({
      next: (answer) => this.dialogRef.close(answer ?? true),
      error: (error: unknown) => {
        this.sending.set(false);
        this.failure.set(apiErrorMessage(error));
      },
    });
  }
}

/** Opens the dialog; the observable emits the API's answer once the action succeeded, nothing when cancelled. */
export function openConfirmAction(dialog: MatDialog, data: ConfirmActionData): Observable<unknown> {
  return dialog.open(ConfirmActionDialogComponent, { data, width: '520px', maxWidth: '95vw', autoFocus: 'first-tabbable' }).afterClosed().pipe(filter((answer) => answer !== undefined));
}

function isBlank(value: ConfirmFieldValue | undefined): boolean {
  return Array.isArray(value) ? value.length === 0 : String(value ?? '').trim() === '';
}
