/**
 * The simulated API shared by the browser sandbox, the Node tests and the local server. Everything
 * here is environment-free: no DOM, no Node built-ins, only `msw`'s core and plain data.
 */
export { createMockApi, type MockApi } from './create-mock-api';
export type { MockTimers } from './abortable';
export { endpoints, type EndpointReference } from './endpoints';
export { exampleResponse, type ExampleResponse } from './example-response';
export {
  API_HOST,
  DOWN_HOST,
  GITHUB_HOST,
  LOCAL_ORIGIN,
  localUrlFromVirtual,
  virtualUrlFromLocalPath,
  type MockHost,
} from './hosts';
export type { EndpointDoc, ExampleRequest, ParamDoc, ResponseDoc, RouteMethod } from './route';
export { DEMO_TOKEN_EXAMPLE, DEMO_TOKEN_PATTERN } from './routes/auth';
export {
  DEFAULT_SLOW_MS,
  SCENARIO_RETRY_AFTER_SECONDS,
  isScenarioId,
  scenarios,
  type Scenario,
  type ScenarioId,
} from './scenarios';
export {
  API_BUDGET,
  DEFAULT_SEED,
  GITHUB_BUDGET,
  LIMITED_BUDGET,
  type MockApiOptions,
} from './state';
export { SEED_USER_COUNT, type User } from './data/users';
