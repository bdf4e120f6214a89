// A team trying a project-management SaaS: sign-up, the first useful board, inviting the team,
// the switch to a paid plan.
import { t, type TemplateContent } from './types';

const GROWTH = t('Nastya, growth', 'Настя, рост');
const CS = t('Kirill, customer success', 'Кирилл, customer success');
const BILLING = t('Vera, billing', 'Вера, биллинг');

export const SAAS_ONBOARDING: TemplateContent = {
  id: 'saas-onboarding',
  title: t('SaaS: onboarding a team trial', 'SaaS: онбординг команды на пробном периоде'),
  description: t(
    'A 14-day team trial of a task tracker: sign-up, the first board, inviting colleagues, paying, and asking for help.',
    'Пробные 14 дней таск-трекера для команды: регистрация, первая доска, приглашение коллег, оплата и обращение за помощью.',
  ),
  persona: {
    name: t('Artur, 36, head of marketing', 'Артур, 36 лет, руководитель маркетинга'),
    description: t(
      'Runs a team of eight; tasks live in chats and a spreadsheet. Chose the tool himself, the team is sceptical after two failed tools.',
      'Ведёт команду из восьми человек; задачи живут в чатах и таблице. Выбрал сервис сам, команда настроена скептически после двух неудачных попыток.',
    ),
    goal: t(
      'Have the team plan the next campaign in the tool by the end of the trial, and justify the cost to the CFO.',
      'К концу пробного периода спланировать следующую кампанию в сервисе вместе с командой и обосновать расходы финдиректору.',
    ),
    quote: t('If my team doesn’t get it in a week, we won’t use it.', 'Если команда не разберётся за неделю — пользоваться не будем.'),
  },
  scenario: t(
    'Artur signs up, builds a board for the spring campaign, invites the team, hits the limit of the free plan and pays by invoice.',
    'Артур регистрируется, собирает доску под весеннюю кампанию, приглашает команду, упирается в лимит бесплатного тарифа и платит по счёту.',
  ),
  stages: [t('Sign up', 'Регистрируется'), t('First value', 'Первая польза'), t('Invite the team', 'Зовёт команду'), t('Pay', 'Платит'), t('Get help', 'Получает помощь')],
  channels: [t('Product', 'Продукт'), t('Email', 'Почта'), t('Sales call', 'Звонок продаж'), t('Help centre & chat', 'База знаний и чат')],
  layers: [
    {
      kind: 'actions',
      title: t('What he does', 'Что делает'),
      cells: [
        t('Signs up with Google, answers three questions', 'Регистрируется через Google, отвечает на три вопроса'),
        t('Picks a template, moves tasks from the spreadsheet', 'Выбирает шаблон, переносит задачи из таблицы'),
        t('Sends invites, assigns the first tasks', 'Рассылает приглашения, назначает первые задачи'),
        t('Compares plans, asks for an invoice', 'Сравнивает тарифы, запрашивает счёт'),
        t('Searches help, writes to the chat', 'Ищет в справке, пишет в чат'),
      ],
    },
    {
      kind: 'thoughts',
      title: t('Thinks and feels', 'Думает и чувствует'),
      cells: [
        t('“Another tool — will this one stick?”', '«Ещё один сервис — приживётся ли этот?»'),
        t('“Import from Excel worked. Nice.”', '«Импорт из Excel сработал. Неплохо»'),
        t('“If they don’t open it on day one, it’s over.”', '«Если в первый день не зайдут — всё, конец»'),
        t('“Our accountant needs an invoice, not a card form.”', '«Бухгалтерии нужен счёт, а не форма для карты»'),
        t('“I need an answer before the stand-up.”', '«Мне нужен ответ до планёрки»'),
      ],
    },
    {
      kind: 'pains',
      title: t('Pains', 'Боли'),
      cells: [
        t('Long form, phone number required', 'Длинная анкета, обязательный телефон'),
        t('Empty board, unclear where to start', 'Пустая доска, непонятно, с чего начать'),
        t('Invite emails land in spam', 'Письма-приглашения попадают в спам'),
        t('Invoice only after a call with sales', 'Счёт только после звонка с продажами'),
        t('Chat bot answers with unrelated articles', 'Бот в чате отвечает статьями не по теме'),
      ],
    },
    {
      kind: 'opportunities',
      title: t('Opportunities', 'Возможности'),
      cells: [
        t('Sign-up in one step, questions later', 'Регистрация в один шаг, вопросы потом'),
        t('Board pre-filled from his answers', 'Доска, заполненная по его ответам'),
        t('Invite link for the team chat', 'Ссылка-приглашение для командного чата'),
        t('Self-serve invoice for companies', 'Счёт для юрлица без звонка'),
        t('A human in the chat within 5 minutes in the trial', 'Живой человек в чате за 5 минут на пробном периоде'),
      ],
    },
    {
      kind: 'kpi',
      title: t('KPI', 'Метрики'),
      cells: [
        { metric: t('Sign-up completion, %', 'Завершённые регистрации, %'), actual: 71, target: 85 },
        { metric: t('First board in 24 h, %', 'Первая доска за 24 ч, %'), actual: 38, target: 60 },
        { metric: t('Teams with 3+ active, %', 'Команды с 3+ активными, %'), actual: 27, target: 45 },
        { metric: t('Trial → paid, %', 'Пробный → платный, %'), actual: 9, target: 14 },
        { metric: t('CSAT chat', 'CSAT чата'), actual: 4.2, target: 4.6 },
      ],
    },
  ],
  touchpoints: [
    {
      key: 'signup',
      stage: 0,
      channel: 0,
      title: t('Sign-up form', 'Форма регистрации'),
      owner: GROWTH,
      expectation: 4,
      perception: 3,
      notes: [{ kind: 'fix', text: t('Drop the required phone field; ask about team size later', 'Убрать обязательный телефон; про размер команды спросить позже'), owner: GROWTH, votes: 5, status: 'inProgress' }],
    },
    {
      key: 'board',
      stage: 1,
      channel: 0,
      title: t('First board from a template', 'Первая доска из шаблона'),
      owner: GROWTH,
      expectation: 3,
      perception: 4,
      notes: [{ kind: 'wow', text: t('Board built from his answers: “Spring campaign” with real stages and due dates', 'Доска по его ответам: «Весенняя кампания» с настоящими этапами и сроками'), owner: GROWTH, votes: 8 }],
      quotes: [{ text: t('Pasted our spreadsheet and it became a board. That was the moment I believed in it.', 'Вставил нашу таблицу — и она стала доской. В этот момент я и поверил.'), source: 'interview', sentiment: 'positive', who: t('Trial user interview', 'Интервью с пользователем пробного периода'), daysAgo: 24 }],
    },
    {
      key: 'invites',
      stage: 2,
      channel: 1,
      title: t('Invitation emails', 'Письма-приглашения'),
      owner: t('Lev, platform', 'Лев, платформа'),
      expectation: 4,
      perception: 2,
      notes: [
        { kind: 'fix', text: t('Set up SPF/DKIM for the invite domain; offer an invite link as well', 'Настроить SPF/DKIM для домена приглашений; дать ещё и ссылку'), owner: t('Lev, platform', 'Лев, платформа'), votes: 6, status: 'planned' },
        { kind: 'planB', text: t('Invite not accepted in 24 h: tell the admin and offer the link to paste in chat', 'Приглашение не принято за сутки — сказать админу и предложить ссылку для чата'), owner: CS, votes: 3 },
      ],
      quotes: [{ text: t('Half of my team found the invite in spam two days later.', 'Половина команды нашла приглашение в спаме через два дня.'), source: 'survey', sentiment: 'negative', who: t('Trial exit survey', 'Опрос по итогам пробного периода'), daysAgo: 11 }],
    },
    {
      key: 'sales',
      stage: 3,
      channel: 2,
      title: t('Call with sales to get an invoice', 'Звонок продажам ради счёта'),
      owner: t('Boris, sales', 'Борис, продажи'),
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'fix', text: t('Self-serve invoice with company details, no call needed', 'Счёт на юрлицо по реквизитам без звонка'), owner: BILLING, votes: 7 }],
      quotes: [{ text: t('I needed a PDF invoice, not a 40-minute demo.', 'Мне нужен был счёт в PDF, а не демо на сорок минут.'), source: 'review', sentiment: 'negative', who: t('Review on a software catalogue, 3★', 'Отзыв в каталоге софта, 3★'), daysAgo: 35 }],
    },
    {
      key: 'chat',
      stage: 4,
      channel: 3,
      title: t('Support chat during the trial', 'Чат поддержки на пробном периоде'),
      owner: CS,
      expectation: 3,
      perception: 4,
      quotes: [{ text: t('A real person answered in three minutes and fixed our permissions.', 'Живой человек ответил за три минуты и поправил нам права доступа.'), source: 'survey', sentiment: 'positive', who: t('CSAT after chat', 'CSAT после чата'), daysAgo: 5 }],
    },
  ],
  connections: [
    ['signup', 'board'],
    ['board', 'invites'],
    ['invites', 'sales'],
    ['invites', 'chat'],
  ],
};
