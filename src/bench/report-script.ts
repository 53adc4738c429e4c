/**
 * The browser script of `report.html`, as plain JavaScript text (it runs in the page, not in
 * Node, so it is kept out of the TypeScript build). It reads the data island `#bench-data` and
 * draws three Chart.js charts per case and model: the failure rate of each variant with its 95%
 * Wilson interval as a floating bar, the failure rate per detector with interval whiskers, and
 * the tokens per run. Animation is off so the charts are complete as soon as the page is.
 * When done it sets `window.benchReport = {charts, ready: true}` (a test hook).
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('bench-data').textContent);
  var VARIANT_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f'];
  var DETECTOR_COLORS = ['#e15759', '#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];
  var percent = function (value) { return Math.round(value * 1000) / 10; };
  var pick = function (colors, index) { return colors[index % colors.length]; };

  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  // Draws a vertical whisker from low to high over every bar whose dataset carries "intervals".
  var whiskers = {
    id: 'intervalWhiskers',
    afterDatasetsDraw: function (chart) {
      var context = chart.ctx;
      var scale = chart.scales.y;
      chart.data.datasets.forEach(function (dataset, datasetIndex) {
        if (!dataset.intervals || !chart.isDatasetVisible(datasetIndex)) return;
        chart.getDatasetMeta(datasetIndex).data.forEach(function (bar, index) {
          var interval = dataset.intervals[index];
          if (!interval) return;
          var top = scale.getPixelForValue(interval[1]);
          var bottom = scale.getPixelForValue(interval[0]);
          var cap = Math.min(6, bar.width / 3);
          context.save();
          context.strokeStyle = '#222';
          context.lineWidth = 1.5;
          context.beginPath();
          context.moveTo(bar.x, top); context.lineTo(bar.x, bottom);
          context.moveTo(bar.x - cap, top); context.lineTo(bar.x + cap, top);
          context.moveTo(bar.x - cap, bottom); context.lineTo(bar.x + cap, bottom);
          context.stroke();
          context.restore();
        });
      });
    }
  };

  var rateAxis = { min: 0, max: 100, title: { display: true, text: '% of runs' } };
  var intervalTooltip = function (block, field) {
    return function (item) {
      var entry = field(item)[item.dataIndex];
      return item.dataset.label + ': ' + percent(entry.rate) + '% (95% CI ' + percent(entry.low) + '-' + percent(entry.high) + '%, ' + entry.count + '/' + entry.runs + ')';
    };
  };

  function failureChart(block, canvas) {
    var colors = block.variants.map(function (_, index) { return pick(VARIANT_COLORS, index); });
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: block.variants,
        datasets: [
          { label: 'failed', data: block.failure.map(function (p) { return percent(p.rate); }), backgroundColor: colors, order: 2 },
          { label: '95% interval', data: block.failure.map(function (p) { return [percent(p.low), percent(p.high)]; }),
            backgroundColor: 'rgba(30, 30, 30, 0.35)', borderColor: '#1e1e1e', borderWidth: 1,
            grouped: false, barPercentage: 0.14, order: 1 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: { y: rateAxis },
        plugins: {
          title: { display: true, text: 'Runs with a failure (any detector), 95% Wilson interval' },
          legend: { display: false },
          tooltip: { callbacks: { label: intervalTooltip(block, function () { return block.failure; }) } }
        }
      }
    });
  }

  function detectorChart(block, canvas) {
    var datasets = block.detectors.map(function (detector, index) {
      return {
        label: detector.id,
        data: detector.values.map(function (p) { return percent(p.rate); }),
        intervals: detector.values.map(function (p) { return [percent(p.low), percent(p.high)]; }),
        backgroundColor: pick(DETECTOR_COLORS, index)
      };
    });
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: block.variants, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: { y: rateAxis },
        plugins: {
          title: { display: true, text: datasets.length ? 'Failure rate per detector, with 95% intervals' : 'No detector failed any run' },
          tooltip: { callbacks: { label: intervalTooltip(block, function (item) { return block.detectors[item.datasetIndex].values; }) } }
        }
      },
      plugins: [whiskers]
    });
  }

  function tokenChart(block, canvas) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: block.variants,
        datasets: [
          { label: 'output tokens per run', data: block.meanOutputTokens, backgroundColor: '#76b7b2' },
          { label: 'wasted tokens per run', data: block.wastedPerRun, backgroundColor: '#e15759' }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: 'tokens (mean per run)' } } },
        plugins: { title: { display: true, text: 'Cost: output and wasted tokens per run' } }
      }
    });
  }

  var charts = 0;
  data.blocks.forEach(function (block) {
    failureChart(block, document.getElementById(block.key + '-failure'));
    detectorChart(block, document.getElementById(block.key + '-detectors'));
    tokenChart(block, document.getElementById(block.key + '-tokens'));
    charts += 3;
  });
  window.benchReport = { charts: charts, ready: true };
})();
`;
