// The admin's view of background jobs (the jobs themselves are the core's).
export { jobRoutes } from './routes.ts';
