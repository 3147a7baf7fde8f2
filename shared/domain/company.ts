/** The company's time zone: order numbers' months (R3), PMC's and the daily cut-off's deadlines (R5, R7) and month ends. */
export const companyTimeZone = 'Asia/Shanghai';
