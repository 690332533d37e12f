/** The smallest template that validates: tests change one field of it to see that field's issue. */
export const MINIMAL_TEMPLATE = {
  name: 'x',
  label: 'X',
  endpoint: { baseURL: 'https://x.example', path: '/chat/{modelPath}' },
  auth: { type: 'bearer' },
  request: { messages: 'messages', system: 'message' },
  response: { text: 'choices[0].message.content' },
  errors: { code: ['error.code'], message: ['error.message'] },
};
