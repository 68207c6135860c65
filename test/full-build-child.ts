/**
 * The shared full build in a process of its own (started by test/global-setup.ts when the
 * whole suite runs): `tsx test/full-build-child.ts <dir>`.
 */
import { buildShared } from './full-build.ts';

buildShared(process.argv[2]!);
