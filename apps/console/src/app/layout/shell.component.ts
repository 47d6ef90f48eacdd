import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { NAVIGATION, visibleNavigation } from './navigation';

/** Below this width the navigation becomes a drawer opened from the top bar (phones, narrow tablets). */
export const COMPACT_LAYOUT_QUERY = '(max-width: 959.98px)';

/** Frame of every signed-in page: top bar, side navigation (a drawer on narrow screens), content. */
@Component({
  selector: 'lunas-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatSidenavModule, MatButtonModule],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly navigation = computed(() => visibleNavigation(NAVIGATION, (permission) => this.auth.can(permission), this.auth.isSuperadmin()));
  protected readonly user = this.auth.user;
  protected readonly compact = toSignal(inject(BreakpointObserver).observe(COMPACT_LAYOUT_QUERY).pipe(map((state) => state.matches)), {
    initialValue: false,
  });
  protected readonly menuOpen = signal(false);

  protected signOut(): void {
    this.auth.signOut().subscribe(() => void this.router.navigateByUrl('/masuk'));
  }
}
