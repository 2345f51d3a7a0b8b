// The public surface of @pond/sim: the synthetic demo world, its seeding, and the behaviour model
// of its virtual customers. Everything random is seeded (see rng.ts), so runs are reproducible.

export { DEFAULT_BASKET_SIZES, drawBasket } from './basket.ts';
export {
  DEFAULT_BEHAVIOUR_RATES,
  planActions,
  type TBehaviourRates,
  type TPlanActionsOptions,
  type TPlannedAction,
} from './behaviour.ts';
export { BRAND } from './data/brand.ts';
export { PRODUCTS, type TProduct } from './data/catalogue.ts';
export { computeOrderKpis, type TKpiOrder, type TOrderKpis } from './kpis.ts';
export { loadWorldView } from './load-world-view.ts';
export {
  customerGroupLine,
  customerPrivateLine,
  staffGroupLine,
  type TCustomerLineKind,
  type TMessageContext,
} from './messages.ts';
export { createRng, createRngFromState, createWeightedSampler, hashString, type Rng, type TRngState } from './rng.ts';
export { runSimulation, runSimulationStep, startLiveSimulation, type TSimStepResult } from './run-simulation.ts';
export { seedDemo, type TSeedDemoCounts, type TSeedDemoOptions, type TSeedDemoResult } from './seed-demo.ts';
export { type TValueSegment, VALUE_THRESHOLDS_CENTS, valueSegmentOf } from './segments.ts';
export {
  createWorldStream,
  DEFAULT_CUSTOMERS,
  demoNow,
  GROUP_COUNT,
  GROUP_MEMBER_CAP,
  generateWorld,
  ORDER_WINDOW_DAYS,
  type TCustomerBatch,
  type TOrderItem,
  type TWorld,
  type TWorldCustomer,
  type TWorldCustomerTag,
  type TWorldFollow,
  type TWorldGroup,
  type TWorldGroupMember,
  type TWorldMessage,
  type TWorldOptions,
  type TWorldOrder,
  type TWorldOrgUnit,
  type TWorldSkeleton,
  type TWorldStaff,
  type TWorldStream,
  type TWorldTag,
  type TWorldTagGroup,
} from './world.ts';
export {
  type TViewCustomer,
  type TViewGroup,
  type TViewStaff,
  type TViewStore,
  type TWorldView,
  worldToView,
} from './world-view.ts';
