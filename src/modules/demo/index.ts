// The living demo of the seed's campaign.
export { seedDemo } from './seed.ts';
