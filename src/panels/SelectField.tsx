// A labelled <select> that commits on change (a choice needs no draft).
import { useId } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  testId: string;
  label: string;
  hideLabel?: boolean;
  className?: string;
}

export function SelectField({ value, options, onChange, testId, label, hideLabel, className }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={`select-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
