/** Dependency-injection token of the validated {@link LunasConfig}. */
export const LUNAS_CONFIG = Symbol('LUNAS_CONFIG');
