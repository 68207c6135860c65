/**
 * Test files that read the shared full build run last, so that the others run while it is
 * being built (test/global-setup.ts); otherwise vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const NEEDS_FULL_BUILD = /test\/(build|site|language|browser)\.test\.ts$/;

export default class FullBuildLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !NEEDS_FULL_BUILD.test(f.moduleId)), ...sorted.filter((f) => NEEDS_FULL_BUILD.test(f.moduleId))];
  }
}
