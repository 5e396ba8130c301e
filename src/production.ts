// Imported first by main.ts, before graphql loads: outside production, graphql-js checks every
// instanceof for a second copy of itself, which took a third of a large trace's time. The server
// runs as production unless NODE_ENV says otherwise.
process.env.NODE_ENV ??= 'production';
