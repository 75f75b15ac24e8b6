/** Example operations preloaded as IDE tabs (each one runs as-is against a fresh `npm start`). */
export interface ExampleOperation {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    name: '1. Submit a ping job',
    query: `mutation SubmitPing($input: PingJobInput) {
  submitPing(input: $input, options: { priority: NORMAL }) {
    id
    status
    seed
  }
}`,
    variables: { input: { samples: 20000000, chunks: 40 } },
  },
  {
    name: '2. Watch job progress (subscription)',
    query: `subscription JobProgress($jobId: ID!) {
  jobProgress(jobId: $jobId) {
    type
    status
    terminal
    progress { phase fraction metrics }
    result
    error { type message }
  }
}`,
    variables: { jobId: 'paste-the-job-id' },
  },
  {
    name: '3. Read a job',
    query: `query Job($id: ID!) {
  job(id: $id) {
    id kind status seed attempt backend actorId
    progress { phase fraction }
    result
    error { type message details }
  }
}`,
    variables: { id: 'paste-the-job-id' },
  },
];
