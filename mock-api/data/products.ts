export interface Product {
  id: number;
  name: string;
  category: 'books' | 'hardware' | 'software' | 'courses';
  price: number;
  currency: 'USD';
  in_stock: boolean;
}

/** A second, smaller resource for examples that reuse one client for several endpoints. */
export const products: readonly Readonly<Product>[] = Object.freeze(
  (
    [
      ['HTTP: The Definitive Guide', 'books', 44.99, true],
      ['Designing Web APIs', 'books', 39.5, true],
      ['RESTful Web Clients', 'books', 29.99, false],
      ['USB-C Network Adapter', 'hardware', 24.0, true],
      ['Mechanical Keyboard', 'hardware', 129.0, true],
      ['Ergonomic Mouse', 'hardware', 59.9, false],
      ['27" Monitor', 'hardware', 289.0, true],
      ['API Monitoring, 1 year', 'software', 240.0, true],
      ['Load Tester Pro', 'software', 99.0, true],
      ['Mock Server Team Plan', 'software', 180.0, true],
      ['Intro to TypeScript', 'courses', 49.0, true],
      ['Reliable HTTP Clients', 'courses', 79.0, true],
      ['Testing with Mocks', 'courses', 59.0, false],
      ['Rate Limits in Practice', 'courses', 35.0, true],
    ] as const
  ).map(([name, category, price, inStock], index) =>
    Object.freeze({
      id: index + 1,
      name,
      category,
      price,
      currency: 'USD' as const,
      in_stock: inStock,
    }),
  ),
);
