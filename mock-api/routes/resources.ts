import { products } from '../data/products';
import { API_HOST } from '../hosts';
import { intParam, paginate } from '../query';
import { json, problem, type FieldError } from '../respond';
import type { Route } from '../route';

const host = API_HOST;

export const resourceRoutes: Route[] = [
  {
    id: 'get-data',
    group: 'Other resources',
    method: 'GET',
    host,
    path: '/data',
    description: 'A small JSON document: the source lesson’s “https://api.example.com/data”.',
    params: [],
    responses: [{ status: 200, when: 'Always (unless a scenario says otherwise).' }],
    example: { path: '/data' },
    resolve() {
      return json({
        service: 'example-api',
        version: '1.4.2',
        items: [
          { id: 1, label: 'alpha', value: 12.5 },
          { id: 2, label: 'beta', value: 7.25 },
          { id: 3, label: 'gamma', value: 3 },
        ],
      });
    },
  },
  {
    id: 'list-products',
    group: 'Other resources',
    method: 'GET',
    host,
    path: '/products',
    description: 'A page of products (a second resource, for examples that reuse one client).',
    params: [
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Page number, from 1. Default 1.',
      },
      {
        name: 'per_page',
        in: 'query',
        required: false,
        description: 'Products per page, 1 to 100. Default 20.',
      },
    ],
    responses: [
      { status: 200, when: 'A page, with Link and X-Total-Count headers.' },
      { status: 400, when: 'A query parameter has a bad value.' },
    ],
    example: { path: '/products?per_page=2' },
    resolve({ url }) {
      const errors: FieldError[] = [];
      const page = intParam(url, 'page', { min: 1, max: 1_000_000, fallback: 1 }, errors);
      const perPage = intParam(url, 'per_page', { min: 1, max: 100, fallback: 20 }, errors);
      if (errors.length > 0) {
        const list = errors.map((error) => `${error.field} ${error.message}`).join('; ');
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Invalid query parameter: ${list}.`,
          errors,
        });
      }
      const { body, headers } = paginate(url, products, page, perPage);
      return json(body, 200, headers);
    },
  },
];
