import type { RynkoFormat, RynkoJobRecord } from './rynko-state';

const types: Record<RynkoFormat, { extension: string; contentType: string }> = {
  pdf: { extension: 'pdf', contentType: 'application/pdf' },
  excel: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
};

const csvCell = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The file a completed job produced: a small stand-in of the right kind (a PDF that starts with
 * `%PDF`, a zip-signed XLSX, a real CSV) that carries the job's variables, so tests can see them.
 */
export function documentFile(job: RynkoJobRecord): { bytes: Uint8Array; contentType: string; name: string } {
  const { extension, contentType } = types[job.format];
  const variables = JSON.stringify(job.variables);
  let text: string;
  if (job.format === 'pdf') {
    text = `%PDF-1.7\n% ${job.template.name} (${job.template.id}), job ${job.jobId}\n% variables ${variables}\n%%EOF\n`;
  } else if (job.format === 'excel') {
    text = `PK\u0003\u0004 ${job.template.name} ${job.jobId} ${variables}`;
  } else {
    const names = Object.keys(job.variables);
    text = `${names.map(csvCell).join(',')}\n${names.map((name) => csvCell(job.variables[name])).join(',')}\n`;
  }
  return { bytes: new TextEncoder().encode(text), contentType, name: `${job.filename}.${extension}` };
}
