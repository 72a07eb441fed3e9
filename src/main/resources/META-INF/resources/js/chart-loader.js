// Chart.js comes from its WebJar (pom.xml), served by the server itself at /webjars/...
export const CHART_JS = '/webjars/chart.js/4.5.1/dist/chart.umd.min.js';

let loading = null;

export function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = CHART_JS;
      s.async = true;
      s.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load')));
      s.onerror = () => { loading = null; reject(new Error('Chart.js could not be loaded')); };
      document.head.appendChild(s);
    });
  }
  return loading;
}
