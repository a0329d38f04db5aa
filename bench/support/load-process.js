// A load whose latency is a target, generated from a process of its own: in
// the benchmark's process autocannon shares an event loop and a heap with
// ts-node and everything the run has built, and a pause of theirs would be
// counted as the service's. Options come as JSON in argv[2] (autocannon's,
// plus `path`, in which each `{n}` is a number from 1 to `upTo` drawn per
// request); prints autocannon's result as one JSON line.
const autocannon = require('autocannon');

const { path, upTo, ...options } = JSON.parse(process.argv[2]);

autocannon({
  ...options,
  requests: [
    {
      setupRequest: (request) => ({
        ...request,
        path: path.replaceAll('{n}', () =>
          String(1 + Math.floor(Math.random() * upTo)),
        ),
      }),
    },
  ],
})
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
