// `npm run bench`: speed and memory targets live here, not in timed tests (DEVELOPERS rule 8).
// No benchmark is defined yet.
process.stdout.write('No benchmarks are defined yet.\n')
