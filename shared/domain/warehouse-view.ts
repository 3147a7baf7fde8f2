import { type OrderDelivery, WarehouseDelivery } from '../schemas/delivery.ts';
import { type StockPrepForm, WarehouseStockPrepForm } from '../schemas/documents.ts';

/**
 * R42: "different departments have different permissions" — the warehouse prepares, picks and ships by quantities
 * and boxes, and reads no price: the whitelists of WarehouseDelivery and WarehouseStockPrepForm.
 */
export const warehouseDelivery = (delivery: OrderDelivery): WarehouseDelivery => WarehouseDelivery.parse(delivery);

export const warehouseStockPrepForm = (form: StockPrepForm): WarehouseStockPrepForm =>
  WarehouseStockPrepForm.parse(form);
