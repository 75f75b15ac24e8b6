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
  // Racing graph (issue 3): real data after `npm run seed`.
  {
    name: '4. A slate with its drivers and salaries',
    query: `query Slate($id: ID!) {
  slate(id: $id) {
    id site salaryCap rosterSize lockTime
    race { id date laps track { name type } }
    driversConnection(sort: [{ edge: { salary: DESC } }]) {
      edges { properties { salary siteId } node { id name } }
    }
  }
}`,
    variables: { id: 'dk-cup-2026-08' },
  },
  {
    name: '5. Short-track races of 2025, page by page, with each race’s top 5',
    query: `query Races($after: String) {
  racesConnection(where: { season: { eq: 2025 }, track: { type: { eq: SHORT } } }, sort: [{ date: ASC }], first: 5, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id date name laps track { name }
      driversConnection(where: { edge: { finish: { lte: 5 } } }, sort: [{ edge: { finish: ASC } }]) {
        edges { properties { finish start lapsLed fastestLaps status } node { name } }
      }
    } }
  }
}`,
  },
  {
    name: '6. A driver’s season in numbers (aggregation)',
    query: `query Driver($id: ID!) {
  driver(id: $id) {
    name
    racesConnection(where: { node: { season: { eq: 2025 } } }) {
      aggregate { count { nodes } edge { finish { average min } lapsLed { sum } fastestLaps { sum } } }
    }
  }
}`,
    variables: { id: 'kyle-larson' },
  },
];
