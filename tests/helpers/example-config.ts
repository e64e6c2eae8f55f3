/** A valid config, to be broken one field at a time by tests. */
export function exampleConfig(): Record<string, unknown> {
  return {
    stateDb: './state.sqlite',
    amazon: { region: 'na' },
    allocadence: { baseUrl: 'https://app.allocadence.com/rest' },
    sellers: [
      {
        name: 'acme-us',
        sellerId: 'A2EXAMPLE',
        marketplaceIds: ['ATVPDKIKX0DER'],
        refreshTokenEnv: 'AMAZON_REFRESH_TOKEN_ACME_US',
        warehouse: 'Main',
      },
    ],
  };
}

export const EXAMPLE_ENV = {
  LWA_CLIENT_ID: 'amzn1.application-oa2-client.testid0001',
  LWA_CLIENT_SECRET: 'test-client-secret-0001',
  AMAZON_REFRESH_TOKEN_ACME_US: 'Atzr|test-refresh-0001',
  ALLOCADENCE_API_KEY: 'test-api-key-0001',
  ALLOCADENCE_API_SECRET: 'test-api-secret-0001',
  ALLOCADENCE_SECURE_KEY: 'test-secure-key-0001',
};
