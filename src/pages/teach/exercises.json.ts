/**
 * `/teach/exercises.json`: the exercise catalog for the teacher pages (src/teach/catalog.ts), built
 * once at build time: metadata, check points, checks fingerprint and compiled checks (the grade page
 * re-runs submissions with them).
 */
import type { APIRoute } from 'astro';
import { getTeachCatalog } from '../../lib/teach-catalog';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getTeachCatalog()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
