import { runConformanceSuite } from '../conformance/suite.ts';
import { createHostExecutor } from './index.ts';

runConformanceSuite({
  name: 'host',
  create: () => createHostExecutor(),
});
