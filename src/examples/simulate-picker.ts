/**
 * The "Simulate" select of a live example: every mock API scenario by its human label, with the chosen
 * scenario's one-line explanation beside it. The choice applies to the next run.
 */
import { scenarios, type ScenarioId } from '../../mock-api/scenarios.ts';

export interface SimulatePicker {
  element: HTMLElement;
  readonly value: ScenarioId;
}

export function createSimulatePicker(idPrefix: string, initial: ScenarioId): SimulatePicker {
  const wrapper = document.createElement('div');
  wrapper.className = 'live-simulate';
  const label = document.createElement('label');
  label.htmlFor = `${idPrefix}-simulate`;
  label.textContent = 'Simulate';
  const select = document.createElement('select');
  select.id = `${idPrefix}-simulate`;
  const explanation = document.createElement('span');
  explanation.className = 'live-simulate-explanation';
  explanation.id = `${idPrefix}-simulate-explanation`;
  select.setAttribute('aria-describedby', explanation.id);
  for (const scenario of scenarios) {
    select.append(new Option(scenario.label, scenario.id));
  }
  const describe = () => {
    explanation.textContent =
      scenarios.find((scenario) => scenario.id === select.value)?.description ?? '';
    wrapper.dataset.scenario = select.value;
  };
  select.value = initial;
  describe();
  select.addEventListener('change', describe);
  wrapper.append(label, select, explanation);
  return {
    element: wrapper,
    get value() {
      return select.value as ScenarioId;
    },
  };
}
