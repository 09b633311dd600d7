// `npm run jobs:run`: runs the lifecycle job once (DESIGN §7). The job itself (renewals, trial
// ends, scheduled reductions, lifecycle steps) arrives with the lifecycle issue; until then this
// says so and exits cleanly.
process.stdout.write('No jobs are defined yet: nothing to run.\n')
