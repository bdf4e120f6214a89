// Home internet: from choosing a plan to the first bill, with an installer visit in between.
import { t, type TemplateContent } from './types';

const SALES = t('Yulia, online sales', 'Юлия, онлайн-продажи');
const FIELD = t('Timur, field service', 'Тимур, выездная служба');
const BILLING = t('Galina, billing', 'Галина, биллинг');

export const TELECOM_CONNECTION: TemplateContent = {
  id: 'telecom-connection',
  title: t('Telecom: home internet connection', 'Телеком: подключение домашнего интернета'),
  description: t(
    'Connecting home internet after a move: address check, order, installer visit, router set-up and the first bill.',
    'Подключение домашнего интернета после переезда: проверка адреса, заявка, визит монтажника, настройка роутера и первый счёт.',
  ),
  persona: {
    name: t('Ilya and Sveta, 30 and 28', 'Илья и Света, 30 и 28 лет'),
    description: t(
      'A couple who just moved into a new flat; both work from home three days a week and have video calls from 9 am.',
      'Пара, только что переехавшая в новую квартиру; оба три дня в неделю работают из дома, созвоны с девяти утра.',
    ),
    goal: t(
      'Working internet before Monday’s calls, without paying for a plan they don’t need.',
      'Рабочий интернет к понедельничным созвонам и без переплаты за ненужный тариф.',
    ),
    quote: t('Tell me the day and the hour the installer comes, and keep to it.', 'Назовите день и час, когда придёт монтажник, — и придите вовремя.'),
  },
  scenario: t(
    'After moving, Ilya checks the address on the operator’s site, orders a plan with a router, waits for the installer and checks the first bill.',
    'После переезда Илья проверяет адрес на сайте оператора, заказывает тариф с роутером, ждёт монтажника и разбирается с первым счётом.',
  ),
  stages: [t('Choose a plan', 'Выбирает тариф'), t('Order', 'Оформляет заявку'), t('Installation', 'Подключение'), t('First month', 'Первый месяц'), t('Get help', 'Получает помощь')],
  channels: [t('Website', 'Сайт'), t('Call centre', 'Колл-центр'), t('Installer at home', 'Монтажник на дому'), t('Personal account & app', 'Личный кабинет и приложение'), t('SMS', 'SMS')],
  layers: [
    {
      kind: 'actions',
      title: t('What they do', 'Что делают'),
      cells: [
        t('Check the address, compare three plans', 'Проверяют адрес, сравнивают три тарифа'),
        t('Order online, choose a visit slot', 'Оформляют заявку онлайн, выбирают время визита'),
        t('Wait at home, show where the cable goes', 'Ждут дома, показывают, где вести кабель'),
        t('Test the speed, pay the first bill', 'Проверяют скорость, оплачивают первый счёт'),
        t('Call when the connection drops in the evening', 'Звонят, когда вечером пропадает связь'),
      ],
    },
    {
      kind: 'thoughts',
      title: t('Think and feel', 'Думают и чувствуют'),
      cells: [
        t('“Is 500 Mbit/s a real thing or marketing?”', '«500 Мбит/с — это правда или маркетинг?»'),
        t('“Will someone call to upsell TV?”', '«Сейчас позвонят и начнут продавать ТВ?»'),
        t('“He’s late, and my call starts at nine.”', '«Он опаздывает, а у меня созвон в девять»'),
        t('“Why is the bill higher than the plan?”', '«Почему счёт больше, чем тариф?»'),
        t('“Am I talking to a robot again?”', '«Опять робот?»'),
      ],
    },
    {
      kind: 'pains',
      title: t('Pains', 'Боли'),
      cells: [
        t('Prices “from”, router rent hidden', 'Цены «от», аренда роутера не видна'),
        t('Confirmation call at an awkward time', 'Звонок-подтверждение в неудобное время'),
        t('Installer window 9–18, no heads-up', 'Окно монтажника с 9 до 18, без предупреждения'),
        t('First bill includes a pro-rated extra month', 'В первом счёте лишний неполный месяц'),
        t('IVR menu with seven levels', 'Голосовое меню в семь уровней'),
      ],
    },
    {
      kind: 'opportunities',
      title: t('Opportunities', 'Возможности'),
      cells: [
        t('Full monthly price with the router in one number', 'Полная цена в месяц с роутером одной цифрой'),
        t('Confirm by SMS instead of a call', 'Подтверждение по SMS вместо звонка'),
        t('“Installer is 20 minutes away” SMS with his photo', 'SMS «Монтажник будет через 20 минут» с фото'),
        t('Explain the first bill line by line in the app', 'Объяснить первый счёт построчно в приложении'),
        t('Recognise the number and go straight to “no connection”', 'Узнавать номер и сразу вести в «нет связи»'),
      ],
    },
    {
      kind: 'kpi',
      title: t('KPI', 'Метрики'),
      cells: [
        { metric: t('Address check → order, %', 'Проверка адреса → заявка, %'), actual: 23, target: 30 },
        { metric: t('Order confirmed in 1 h, %', 'Заявка подтверждена за 1 ч, %'), actual: 55, target: 85 },
        { metric: t('Visit on time, %', 'Визит вовремя, %'), actual: 68, target: 95 },
        { metric: t('Bill questions per 100', 'Вопросов по счёту на 100'), actual: 18, target: 8 },
        { metric: t('First contact resolution, %', 'Решено с первого обращения, %'), actual: 61, target: 75 },
      ],
    },
  ],
  touchpoints: [
    {
      key: 'check',
      stage: 0,
      channel: 0,
      title: t('Address check and plan comparison', 'Проверка адреса и сравнение тарифов'),
      owner: SALES,
      expectation: 3,
      perception: 3,
      notes: [{ kind: 'fix', text: t('Show the total per month with the router rent included', 'Показывать итог в месяц вместе с арендой роутера'), owner: SALES, votes: 6, status: 'planned' }],
      quotes: [{ text: t('It said 550 ₽, then the router was another 150. Just say 700.', 'Написано 550 ₽, а роутер ещё 150 сверху. Так и пишите — 700.'), source: 'survey', sentiment: 'negative', who: t('Post-order survey', 'Опрос после заявки'), daysAgo: 13 }],
    },
    {
      key: 'confirm',
      stage: 1,
      channel: 1,
      title: t('Order confirmation call', 'Звонок для подтверждения заявки'),
      owner: SALES,
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'fix', text: t('Confirm by SMS link; call only if there is a question about the address', 'Подтверждать ссылкой в SMS, звонить только при вопросах по адресу'), owner: SALES, votes: 4 }],
    },
    {
      key: 'eta',
      stage: 2,
      channel: 4,
      title: t('SMS with the installer’s arrival time', 'SMS о времени прихода монтажника'),
      owner: FIELD,
      expectation: 2,
      perception: 4,
      notes: [{ kind: 'wow', text: t('Photo and name of the installer, “20 minutes away” with live tracking', 'Фото и имя монтажника, «будет через 20 минут» и отслеживание'), owner: FIELD, votes: 5, status: 'inProgress' }],
    },
    {
      key: 'visit',
      stage: 2,
      channel: 2,
      title: t('Installer visit and router set-up', 'Визит монтажника и настройка роутера'),
      owner: FIELD,
      expectation: 3,
      perception: 4,
      notes: [{ kind: 'planB', text: t('Late by more than 30 minutes: the next month free of router rent', 'Опоздание больше 30 минут — месяц аренды роутера бесплатно'), owner: FIELD, votes: 6 }],
      quotes: [
        { text: t('He hid the cable under the skirting board and set Wi-Fi on both phones. Great guy.', 'Спрятал кабель под плинтус и настроил вайфай на обоих телефонах. Отличный мастер.'), source: 'review', sentiment: 'positive', who: t('Review on the operator’s site, 5★', 'Отзыв на сайте оператора, 5★'), daysAgo: 19 },
      ],
    },
    {
      key: 'bill',
      stage: 3,
      channel: 3,
      title: t('First bill in the personal account', 'Первый счёт в личном кабинете'),
      owner: BILLING,
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'fix', text: t('Explain the pro-rated days in the first bill in plain words', 'Простыми словами объяснить неполный месяц в первом счёте'), owner: BILLING, votes: 5 }],
      quotes: [{ text: t('First bill 1,130 instead of 700. Nobody warned me about the partial month.', 'Первый счёт 1130 вместо 700. Про неполный месяц никто не предупредил.'), source: 'support', sentiment: 'negative', who: t('Call transcript', 'Расшифровка звонка'), daysAgo: 27 }],
    },
    {
      key: 'outage',
      stage: 4,
      channel: 1,
      title: t('Call about evening drop-outs', 'Звонок о вечерних обрывах связи'),
      owner: t('Dmitry, tech support', 'Дмитрий, техподдержка'),
      expectation: 3,
      perception: 2,
      quotes: [{ text: t('The robot asked me to reboot the router three times before I reached a person.', 'Робот трижды просил перезагрузить роутер, прежде чем соединил с человеком.'), source: 'interview', sentiment: 'negative', who: t('Subscriber interview', 'Интервью с абонентом'), daysAgo: 44 }],
    },
  ],
  connections: [
    ['check', 'confirm'],
    ['confirm', 'eta'],
    ['eta', 'visit'],
    ['visit', 'bill'],
    ['bill', 'outage'],
  ],
};
