import { roles } from '../../shared/domain/roles.ts';
import { defineRoute } from '../../shared/http/route.ts';
import { PageQuery } from '../../shared/schemas/common.ts';
import { NewProduct, Product, ProductChanges, ProductCodeParams, ProductPage } from '../../shared/schemas/product.ts';

/** Who maintains products and their prices (R18: sales admin approves prices; R37: special prices need the GM). */
const maintainers = ['sales-admin', 'leader', 'gm'] as const;

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

export const addProductRoute = defineRoute({
  operationId: 'addProduct',
  method: 'POST',
  path: '/products',
  summary: 'Add a product, with its prices, MOQ (R8) and, for a kit, its bill of materials (R2)',
  tag: 'Products',
  handler: 'functions/products/add.ts',
  access: { roles: maintainers },
  body: NewProduct,
  idempotent: true,
  responses: { 201: { description: 'Added', schema: Product, headers: ['ETag', 'Location'] } },
  errors: [409, 422],
  grants: ['table:read', 'table:write'],
});

export const changeProductRoute = defineRoute({
  operationId: 'changeProduct',
  method: 'PATCH',
  path: '/products/{code}',
  summary: 'Change a product (optimistic version: If-Match or body version)',
  tag: 'Products',
  handler: 'functions/products/change.ts',
  access: { roles: maintainers },
  params: ProductCodeParams,
  body: ProductChanges,
  responses: { 200: { description: 'The changed product', schema: Product, headers: ['ETag'] } },
  errors: [404, 409, 428],
  grants: ['table:read', 'table:write'],
});

export const productRoutes = [addProductRoute, getProduct, listProducts, changeProductRoute];
