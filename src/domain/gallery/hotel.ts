// A weekend in a city hotel with dinner at its restaurant: booking to the review after check-out.
import { t, type TemplateContent } from './types';

const FRONT = t('Alina, front office', 'Алина, служба приёма');
const FNB = t('Georgy, restaurant manager', 'Георгий, управляющий рестораном');
const REV = t('Daria, revenue & online', 'Дарья, продажи и онлайн');

export const HOTEL_STAY: TemplateContent = {
  id: 'hotel-stay',
  title: t('Hotel: a weekend stay with dinner', 'Отель: выходные с ужином в ресторане'),
  description: t(
    'A city hotel weekend: booking, pre-arrival messages, check-in, the room, dinner at the hotel restaurant, check-out and the review.',
    'Выходные в городском отеле: бронирование, сообщения до заезда, заселение, номер, ужин в ресторане отеля, выезд и отзыв.',
  ),
  persona: {
    name: t('Olga and Andrey, 45 and 47', 'Ольга и Андрей, 45 и 47 лет'),
    description: t(
      'Celebrating their 20th anniversary with a weekend away from the kids; book through an aggregator, read every review, remember details.',
      'Отмечают 20 лет брака выходными без детей; бронируют через агрегатор, читают все отзывы, запоминают мелочи.',
    ),
    goal: t(
      'A calm, special weekend without surprises in the bill.',
      'Спокойные и особенные выходные без сюрпризов в счёте.',
    ),
    quote: t('I booked a treat, not a list of extra charges.', 'Я бронировала праздник, а не список доплат.'),
  },
  scenario: t(
    'Olga books a deluxe room on an aggregator, mentions the anniversary, arrives on Friday night, has dinner at the hotel restaurant and leaves a review on Monday.',
    'Ольга бронирует номер делюкс через агрегатор, упоминает годовщину, они приезжают в пятницу вечером, ужинают в ресторане отеля и в понедельник оставляют отзыв.',
  ),
  stages: [t('Book', 'Бронирует'), t('Before arrival', 'До заезда'), t('Check in', 'Заселяется'), t('Stay & dine', 'Живёт и ужинает'), t('Check out & review', 'Выезжает и оставляет отзыв')],
  channels: [t('Booking sites', 'Сайты бронирования'), t('Messenger & email', 'Мессенджер и почта'), t('Reception', 'Ресепшн'), t('Room', 'Номер'), t('Restaurant', 'Ресторан')],
  layers: [
    {
      kind: 'actions',
      title: t('What they do', 'Что делают'),
      cells: [
        t('Compare three hotels, read reviews, book with free cancellation', 'Сравнивают три отеля, читают отзывы, бронируют с бесплатной отменой'),
        t('Write about the anniversary, ask about parking', 'Пишут про годовщину, спрашивают про парковку'),
        t('Arrive at 22:00 after the drive, check in', 'Приезжают в 22:00 после дороги, заселяются'),
        t('Rest in the room, book a table for Saturday', 'Отдыхают в номере, бронируют столик на субботу'),
        t('Pay the bill, leave a review', 'Оплачивают счёт, пишут отзыв'),
      ],
    },
    {
      kind: 'thoughts',
      title: t('Think and feel', 'Думают и чувствуют'),
      cells: [
        t('“Photos are always better than the room.”', '«На фото номера всегда лучше, чем в жизни»'),
        t('“Did anyone read our note?”', '«Нашу приписку хоть кто-то прочитал?»'),
        t('“Just give us the key, we’re tired.”', '«Просто дайте ключ, мы устали»'),
        t('“They remembered! Flowers in the room.”', '«Запомнили! Цветы в номере»'),
        t('“What is this 1,200 ₽ line?”', '«А это что за строчка на 1200 ₽?»'),
      ],
    },
    {
      kind: 'pains',
      title: t('Pains', 'Боли'),
      cells: [
        t('Price grows with fees at the last step', 'Цена растёт на последнем шаге из-за сборов'),
        t('No answer about parking for two days', 'Два дня нет ответа про парковку'),
        t('Late check-in queue, one person at the desk', 'Очередь поздним вечером, на стойке один человек'),
        t('Restaurant full on Saturday, no table held for guests', 'В субботу ресторан полный, столики для гостей не держат'),
        t('Minibar charge for an untouched bottle', 'В счёте минибар за нетронутую бутылку'),
      ],
    },
    {
      kind: 'opportunities',
      title: t('Opportunities', 'Возможности'),
      cells: [
        t('Full price with fees from the first screen', 'Полная цена со сборами с первого экрана'),
        t('Pre-arrival message with parking and a table offer', 'Сообщение до заезда: парковка и предложение столика'),
        t('Keys ready for late arrivals, check-in in 2 minutes', 'Ключи готовы для поздних гостей, заселение за 2 минуты'),
        t('Anniversary dessert from the chef', 'Десерт от шефа к годовщине'),
        t('Bill sent to the messenger before check-out', 'Счёт в мессенджер до выезда'),
      ],
    },
    {
      kind: 'kpi',
      title: t('KPI', 'Метрики'),
      cells: [
        { metric: t('Direct bookings, %', 'Прямые брони, %'), actual: 22, target: 35 },
        { metric: t('Reply within 1 h, %', 'Ответ за 1 час, %'), actual: 48, target: 90 },
        { metric: t('Check-in time, min', 'Время заселения, мин'), actual: 11, target: 4 },
        { metric: t('Restaurant CSAT', 'CSAT ресторана'), actual: 4.6, target: 4.7 },
        { metric: t('Review score', 'Оценка в отзывах'), actual: 8.7, target: 9.2 },
      ],
    },
  ],
  touchpoints: [
    {
      key: 'listing',
      stage: 0,
      channel: 0,
      title: t('Listing on the booking aggregator', 'Карточка отеля на агрегаторе'),
      owner: REV,
      expectation: 4,
      perception: 3,
      quotes: [{ text: t('Rooms are exactly like the photos, which is rare.', 'Номера ровно как на фото — это редкость.'), source: 'review', sentiment: 'positive', who: t('Aggregator review, 9/10', 'Отзыв на агрегаторе, 9/10'), daysAgo: 18 }],
    },
    {
      key: 'prearrival',
      stage: 1,
      channel: 1,
      title: t('Pre-arrival message', 'Сообщение перед заездом'),
      owner: FRONT,
      expectation: 3,
      perception: 2,
      notes: [
        { kind: 'fix', text: t('Answer guest messages within an hour, 8 am to 11 pm', 'Отвечать на сообщения гостей в течение часа, с 8 до 23'), owner: FRONT, votes: 6, status: 'planned' },
        { kind: 'wow', text: t('Anniversary in the booking note → flowers and a card from the team in the room', 'Годовщина в комментарии к брони — цветы и открытка от команды в номере'), owner: FRONT, votes: 9, status: 'inProgress' },
      ],
      quotes: [{ text: t('I asked about parking twice and got the answer when we were already at the gate.', 'Дважды спросила про парковку, ответ пришёл, когда мы уже стояли у шлагбаума.'), source: 'interview', sentiment: 'negative', who: t('Guest interview', 'Интервью с гостьей'), daysAgo: 30 }],
    },
    {
      key: 'checkin',
      stage: 2,
      channel: 2,
      title: t('Late check-in at the front desk', 'Позднее заселение на ресепшн'),
      owner: FRONT,
      expectation: 4,
      perception: 2,
      notes: [{ kind: 'planB', text: t('Queue over 5 minutes: a welcome drink in the lobby and keys brought to the guests', 'Очередь больше 5 минут — напиток в лобби и ключи гостям приносим сами'), owner: FRONT, votes: 4 }],
    },
    {
      key: 'room',
      stage: 3,
      channel: 3,
      title: t('Room on arrival', 'Номер при заселении'),
      owner: t('Irina, housekeeping', 'Ирина, хаускипинг'),
      expectation: 4,
      perception: 5,
      quotes: [{ text: t('Quiet, spotless, and the bed is the best we have slept in for years.', 'Тихо, идеально чисто, и лучшая кровать за много лет.'), source: 'review', sentiment: 'positive', who: t('Review on the map service, 5★', 'Отзыв на картах, 5★'), daysAgo: 9 }],
    },
    {
      key: 'dinner',
      stage: 3,
      channel: 4,
      title: t('Dinner at the hotel restaurant', 'Ужин в ресторане отеля'),
      owner: FNB,
      expectation: 4,
      perception: 4,
      notes: [
        { kind: 'wow', text: t('Chef’s anniversary dessert with their names, not on the bill', 'Десерт от шефа с их именами к годовщине, не в счёт'), owner: FNB, votes: 7 },
        { kind: 'fix', text: t('Hold two tables for hotel guests on Friday and Saturday until 19:00', 'Держать два столика для гостей отеля в пятницу и субботу до 19:00'), owner: FNB, votes: 5, status: 'planned' },
      ],
      quotes: [{ text: t('Food was great, but we nearly did not get a table on Saturday.', 'Кухня отличная, но в субботу мы чуть не остались без столика.'), source: 'survey', sentiment: 'neutral', who: t('Post-stay survey', 'Опрос после проживания'), daysAgo: 14 }],
    },
    {
      key: 'checkout',
      stage: 4,
      channel: 2,
      title: t('Check-out and the bill', 'Выезд и счёт'),
      owner: FRONT,
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'planB', text: t('Disputed minibar item removed at once, no checks, with an apology', 'Спорную позицию минибара снимаем сразу, без проверок и с извинением'), owner: FRONT, votes: 6, status: 'done' }],
      quotes: [{ text: t('They charged us for water we never opened, and then went to check the room.', 'Посчитали воду, которую мы не открывали, и пошли проверять номер.'), source: 'review', sentiment: 'negative', who: t('Aggregator review, 7/10', 'Отзыв на агрегаторе, 7/10'), daysAgo: 40 }],
    },
  ],
  connections: [
    ['listing', 'prearrival'],
    ['prearrival', 'checkin'],
    ['checkin', 'room'],
    ['room', 'dinner'],
    ['dinner', 'checkout'],
  ],
};
