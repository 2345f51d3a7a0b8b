import { describe, expect, it } from 'vitest';
import { addMatchesJourney } from '../enroll-added-customer.ts';

describe('which adds enrol into a customer_added journey', () => {
  it.each([
    { journey: { statePrefix: null, newCustomersOnly: false }, add: { state: null, newCustomer: false }, enrols: true },
    { journey: { statePrefix: null, newCustomersOnly: true }, add: { state: 'lc12', newCustomer: false }, enrols: false },
    { journey: { statePrefix: null, newCustomersOnly: true }, add: { state: null, newCustomer: true }, enrols: true },
    { journey: { statePrefix: 'lc', newCustomersOnly: false }, add: { state: 'lc12', newCustomer: false }, enrols: true },
    { journey: { statePrefix: 'lc', newCustomersOnly: false }, add: { state: 'fi3', newCustomer: true }, enrols: false },
    { journey: { statePrefix: 'lc', newCustomersOnly: false }, add: { state: null, newCustomer: true }, enrols: false },
    { journey: { statePrefix: 'lc12', newCustomersOnly: true }, add: { state: 'lc12', newCustomer: true }, enrols: true },
    { journey: { statePrefix: 'lc12', newCustomersOnly: true }, add: { state: 'lc1', newCustomer: true }, enrols: false },
  ])(
    'prefix $journey.statePrefix, new only $journey.newCustomersOnly; add $add.state new $add.newCustomer → $enrols',
    ({ journey, add, enrols }) => {
      expect(addMatchesJourney(journey, add)).toBe(enrols);
    },
  );
});
