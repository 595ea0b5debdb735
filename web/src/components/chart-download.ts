/** Saves a blob under a file name through a temporary link. */
export function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The chart's SVG as a standalone document (white background, fonts inlined as attributes). */
function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  copy.setAttribute('font-family', 'Liberation Sans, Arial, sans-serif');
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** The chart's own drawing surface: the largest SVG in the container (legend icons are SVGs too). */
function chartSvg(container: HTMLElement | null): SVGSVGElement | null {
  const all = [...(container?.querySelectorAll('svg') ?? [])];
  const area = (s: SVGSVGElement) => s.getBoundingClientRect().width * s.getBoundingClientRect().height;
  return all.sort((a, b) => area(b) - area(a))[0] ?? null;
}

/** Downloads the chart inside `container` as an .svg file. */
export function downloadSvg(container: HTMLElement | null, fileName: string) {
  const svg = chartSvg(container);
  if (svg) save(new Blob([svgText(svg)], { type: 'image/svg+xml' }), fileName);
}

/** Downloads the chart inside `container` as a .png at twice its on-screen size. */
export function downloadPng(container: HTMLElement | null, fileName: string) {
  const svg = chartSvg(container);
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  svgToPng(svgText(svg), width, height, fileName);
}

/** Renders SVG text to a PNG at twice the given size and downloads it. */
export function svgToPng(text: string, width: number, height: number, fileName: string) {
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.scale(2, 2);
    context.drawImage(image, 0, 0, width, height);
    canvas.toBlob((blob) => blob && save(blob, fileName), 'image/png');
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}
