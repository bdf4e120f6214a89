// B2B support: a client company's warehouse scanners stop syncing; from the first ticket to the
// post-incident review with the account manager.
import { t, type TemplateContent } from './types';

const L1 = t('Sofia, service desk', 'София, сервис-деск');
const L2 = t('Maksud, L2 engineering', 'Максуд, инженеры 2-й линии');
const AM = t('Evgeny, account manager', 'Евгений, аккаунт-менеджер');

export const B2B_SUPPORT: TemplateContent = {
  id: 'b2b-support',
  title: t('B2B: support incident for a client company', 'B2B: инцидент в поддержке корпоративного клиента'),
  description: t(
    'A critical incident at a corporate client: the ticket, first response, diagnosis, the fix on site and the follow-up with the account manager.',
    'Критичный инцидент у корпоративного клиента: заявка, первая реакция, диагностика, устранение на месте и разбор с аккаунт-менеджером.',
  ),
  persona: {
    name: t('Natalia, 39, IT lead at a distributor', 'Наталья, 39 лет, руководитель ИТ у дистрибьютора'),
    description: t(
      'Responsible for 12 warehouses; her KPI is shipped orders. Reports to the operations director, who calls her the minute shipping stops.',
      'Отвечает за 12 складов; её KPI — отгруженные заказы. Подчиняется операционному директору, который звонит ей в ту же минуту, как встаёт отгрузка.',
    ),
    goal: t(
      'Get shipping back within the SLA and have something solid to tell her director.',
      'Вернуть отгрузку в рамках SLA и дать директору внятное объяснение.',
    ),
    quote: t('I don’t need apologies, I need an engineer and an ETA.', 'Мне не нужны извинения — мне нужен инженер и понятный срок.'),
  },
  scenario: t(
    'On Monday morning the scanners at the Kazan warehouse stop syncing. Natalia opens a critical ticket, chases it by phone, an engineer fixes it on site, and a week later the account manager walks her through the root cause.',
    'В понедельник утром сканеры на казанском складе перестают синхронизироваться. Наталья заводит критичную заявку, дозванивается, инженер устраняет проблему на месте, через неделю аккаунт-менеджер разбирает с ней причину.',
  ),
  stages: [t('Report', 'Сообщает'), t('First response', 'Первая реакция'), t('Diagnose', 'Диагностика'), t('Resolve', 'Решение'), t('Follow up', 'Разбор и выводы')],
  channels: [t('Service portal', 'Сервисный портал'), t('Hotline', 'Горячая линия'), t('Email', 'Почта'), t('Engineer on site', 'Инженер на площадке'), t('Account manager', 'Аккаунт-менеджер')],
  layers: [
    {
      kind: 'actions',
      title: t('What she does', 'Что делает'),
      cells: [
        t('Opens a ticket, attaches logs and photos', 'Заводит заявку, прикладывает логи и фото'),
        t('Waits, then calls the hotline', 'Ждёт, потом звонит на горячую линию'),
        t('Gives remote access, answers the same questions again', 'Даёт удалённый доступ, отвечает на те же вопросы заново'),
        t('Meets the engineer at the warehouse', 'Встречает инженера на складе'),
        t('Reads the incident report, discusses prevention', 'Читает отчёт об инциденте, обсуждает профилактику'),
      ],
    },
    {
      kind: 'thoughts',
      title: t('Thinks and feels', 'Думает и чувствует'),
      cells: [
        t('“Does ‘critical’ mean anything to them?”', '«Для них „критично“ вообще что-то значит?»'),
        t('“An auto-reply is not a response.”', '«Автоответ — это не реакция»'),
        t('“I already wrote all this in the ticket.”', '«Я же всё это написала в заявке»'),
        t('“Finally someone who knows the system.”', '«Наконец-то человек, который знает систему»'),
        t('“Will it happen again next quarter?”', '«В следующем квартале это повторится?»'),
      ],
    },
    {
      kind: 'pains',
      title: t('Pains', 'Боли'),
      cells: [
        t('Priority field ignored by routing', 'Поле «приоритет» не влияет на маршрутизацию'),
        t('No named person for 2 hours', 'Два часа нет ответственного с именем'),
        t('Context lost between L1 and L2', 'Контекст теряется между 1-й и 2-й линией'),
        t('Engineer arrives without the spare part', 'Инженер приезжает без запчасти'),
        t('Report in jargon, no prevention plan', 'Отчёт на жаргоне, без плана профилактики'),
      ],
    },
    {
      kind: 'opportunities',
      title: t('Opportunities', 'Возможности'),
      cells: [
        t('Critical ticket pages the duty engineer at once', 'Критичная заявка сразу поднимает дежурного инженера'),
        t('Named owner and next update time in 15 minutes', 'Ответственный с именем и время следующего апдейта за 15 минут'),
        t('One case file shared by every line', 'Одна карточка инцидента для всех линий'),
        t('Spare-part kit checked before leaving', 'Комплект запчастей проверяется перед выездом'),
        t('Plain-language report with owners and dates', 'Отчёт простым языком с ответственными и сроками'),
      ],
    },
    {
      kind: 'kpi',
      title: t('KPI', 'Метрики'),
      cells: [
        { metric: t('Correct priority, %', 'Верный приоритет, %'), actual: 74, target: 95 },
        { metric: t('First response, min', 'Первая реакция, мин'), actual: 95, target: 15 },
        { metric: t('Escalations w/o re-asking, %', 'Эскалации без переспроса, %'), actual: 40, target: 90 },
        { metric: t('Resolved within SLA, %', 'Решено в SLA, %'), actual: 82, target: 95 },
        { metric: t('NPS of key accounts', 'NPS ключевых клиентов'), actual: 18, target: 35 },
      ],
    },
  ],
  touchpoints: [
    {
      key: 'ticket',
      stage: 0,
      channel: 0,
      title: t('Critical ticket in the portal', 'Критичная заявка на портале'),
      owner: L1,
      expectation: 4,
      perception: 2,
      notes: [{ kind: 'fix', text: t('“Critical” pages the duty engineer and the account manager at once', 'Приоритет «Критично» сразу оповещает дежурного инженера и аккаунт-менеджера'), owner: L1, votes: 8, status: 'inProgress' }],
      quotes: [{ text: t('I picked “critical”, and the portal answered “we will reply within 3 working days”.', 'Я выбрала «критично», а портал ответил «ответим в течение трёх рабочих дней».'), source: 'interview', sentiment: 'negative', who: t('Client interview, IT lead', 'Интервью с клиентом, руководитель ИТ'), daysAgo: 29 }],
    },
    {
      key: 'hotline',
      stage: 1,
      channel: 1,
      title: t('Hotline call to chase the ticket', 'Звонок на горячую линию, чтобы ускорить заявку'),
      owner: L1,
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'planB', text: t('No named owner in 15 minutes: the shift lead calls the client himself', 'Нет ответственного за 15 минут — старший смены сам звонит клиенту'), owner: L1, votes: 5, status: 'planned' }],
    },
    {
      key: 'remote',
      stage: 2,
      channel: 2,
      title: t('Remote diagnosis by L2', 'Удалённая диагностика 2-й линией'),
      owner: L2,
      expectation: 3,
      perception: 3,
      notes: [{ kind: 'fix', text: t('One incident card across lines; L2 reads it before contacting the client', 'Единая карточка инцидента; 2-я линия читает её до связи с клиентом'), owner: L2, votes: 6 }],
      quotes: [{ text: t('Third person asking me for the same logs. They are in the ticket!', 'Уже третий человек просит те же логи. Они в заявке!'), source: 'support', sentiment: 'negative', who: t('Ticket comment', 'Комментарий в заявке'), daysAgo: 29 }],
    },
    {
      key: 'onsite',
      stage: 3,
      channel: 3,
      title: t('Engineer visit to the warehouse', 'Выезд инженера на склад'),
      owner: L2,
      expectation: 3,
      perception: 4,
      notes: [{ kind: 'wow', text: t('Engineer stays until the first 50 orders are shipped and briefs the shift', 'Инженер остаётся до отгрузки первых 50 заказов и инструктирует смену'), owner: L2, votes: 5 }],
      quotes: [{ text: t('The engineer explained to my guys what happened — first time anyone bothered.', 'Инженер объяснил моим ребятам, что произошло, — впервые кто-то об этом позаботился.'), source: 'survey', sentiment: 'positive', who: t('Post-incident survey', 'Опрос после инцидента'), daysAgo: 25 }],
    },
    {
      key: 'report',
      stage: 4,
      channel: 2,
      title: t('Incident report by email', 'Отчёт об инциденте по почте'),
      owner: L2,
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'fix', text: t('Report template: what happened, impact in orders, what we change, by when', 'Шаблон отчёта: что случилось, сколько заказов затронуто, что меняем и к какому сроку'), owner: AM, votes: 4 }],
    },
    {
      key: 'review',
      stage: 4,
      channel: 4,
      title: t('Post-incident meeting with the account manager', 'Встреча с аккаунт-менеджером по итогам инцидента'),
      owner: AM,
      expectation: 3,
      perception: 4,
      quotes: [{ text: t('Evgeny came with a plan and dates, not excuses. That is why we renewed.', 'Евгений пришёл с планом и сроками, а не с оправданиями. Поэтому мы и продлили договор.'), source: 'review', sentiment: 'positive', who: t('Case review on the vendor’s site', 'Отзыв-кейс на сайте поставщика'), daysAgo: 12 }],
    },
  ],
  connections: [
    ['ticket', 'hotline'],
    ['hotline', 'remote'],
    ['remote', 'onsite'],
    ['onsite', 'report'],
    ['report', 'review'],
  ],
};
