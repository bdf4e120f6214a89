// The action plan in the user's language: the same file from the menu and from the server.
import { describe, expect, it } from 'vitest';
import { actionPlanCsvFor, backupTitleFor } from '../../../src/locales/actionPlan';
import { sampleSnapshot } from '../format/sampleMap';

describe('actionPlanCsvFor', () => {
  it('writes English labels with commas', () => {
    const lines = actionPlanCsvFor(sampleSnapshot(), 'en').slice(1).split('\r\n');
    expect(lines[0]).toBe('Map,Stage,Channel,Touchpoint,Kind,Text,Status,Owner,Votes');
    expect(lines).toContain('Покупка тура,Покупает,Website,Payment page,WOW,Подарок к заказу,Idea,Мария,3');
  });

  it('writes Russian labels with semicolons, for Excel in a Russian locale', () => {
    const lines = actionPlanCsvFor(sampleSnapshot(), 'ru').slice(1).split('\r\n');
    expect(lines[0]).toBe('Карта;Этап;Канал;Точка контакта;Тип;Текст;Статус;Ответственный;Голоса');
    expect(lines).toContain('Покупка тура;Покупает;Phone;Звонок в офис;План Б;Call back in 1 hour;Сделано;;-1');
  });
});

describe('backupTitleFor', () => {
  it('names the backup in the chosen language, leaving braces in the title alone', () => {
    expect(backupTitleFor('en', 'Checkout {date}', '2026-02-01')).toBe('Backup of Checkout {date} 2026-02-01');
    expect(backupTitleFor('ru', 'Оплата', '2026-02-01')).toBe('Резервная копия: Оплата 2026-02-01');
  });
});
