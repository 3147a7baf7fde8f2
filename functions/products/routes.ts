import { roles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import { PageQuery } from '../../shared/schemas/common.ts';
import { Product, ProductCodeParams, ProductPage } from '../../shared/schemas/product.ts';

export const getProduct = defineRoute({
  operationId: 'getProduct',
  method: 'GET',
  path: '/products/{code}',
  summary: 'Read a product, with its prices, MOQ and kit bill of materials',
  tag: 'Products',
  handler: 'functions/products/get.ts',
  access: { roles },
  params: ProductCodeParams,
  responses: { 200: { description: 'The product', schema: Product, headers: ['ETag'] } },
  errors: [404],
  grants: ['table:read'],
});

export const listProducts = defineRoute({
  operationId: 'listProducts',
  method: 'GET',
  path: '/products',
  summary: 'List products by code, a page at a time',
  tag: 'Products',
  handler: 'functions/products/list.ts',
  access: { roles },
  query: PageQuery,
  responses: { 200: { description: 'A page of products', schema: ProductPage } },
  grants: ['table:read'],
});

export const productRoutes = [getProduct, listProducts];
