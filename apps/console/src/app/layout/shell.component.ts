import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { NAVIGATION } from './navigation';

/** Frame of every signed-in page: top bar, side navigation, content. */
@Component({
  selector: 'lunas-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly navigation = NAVIGATION;
  protected readonly user = this.auth.user;

  protected signOut(): void {
    this.auth.signOut().subscribe(() => void this.router.navigateByUrl('/masuk'));
  }
}
