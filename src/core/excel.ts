import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: it is large (~100 CommonJS modules, ~0.3 s to load) and only the
 * commands that read or write a workbook need it, while every command imports their modules.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
