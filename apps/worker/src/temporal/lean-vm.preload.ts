// Preload entry (`node -r`): see installLeanVm.
import { installLeanVm } from './lean-vm';

installLeanVm();
