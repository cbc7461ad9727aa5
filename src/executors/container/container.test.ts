import { ensureTestImage } from '../../../test/support/image.ts';
import { runConformanceSuite } from '../conformance/suite.ts';
import { createContainerExecutor } from './index.ts';

const image = await ensureTestImage();

runConformanceSuite({
  name: 'container',
  create: () => createContainerExecutor(),
  spec: { image: 'image' in image ? image.image : 'localhost/none', privileged: true },
  ...('skip' in image ? { skipAll: image.skip } : {}),
});
