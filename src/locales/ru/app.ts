import type { app as en } from '../en/app';

// Strings of src/app (Russian).
export const app: typeof en = {
  brand: 'CJM Studio',
  loading: 'Загрузка…',
  locale: {
    label: 'Язык',
    names: { en: 'English', ru: 'Русский' },
  },
  list: {
    createHeading: 'Карты пути клиента',
    createLead: 'Нарисуйте путь клиента точка за точкой — и возвращайтесь к нему каждый квартал.',
    titleLabel: 'Название карты',
    untitled: 'Новая карта пути клиента',
    createFromTemplate: 'Создать по шаблону',
    createBlank: 'Пустая карта',
    heading: 'Ваши карты',
    emptyTitle: 'Карт пока нет',
    emptyBody:
      'Назовите первую карту и создайте её по шаблону: шесть этапов — от «Узнаёт» до «Уходит» — и шесть каналов уже ждут ваши точки контакта.',
    touchpoints: {
      one: '{count} точка контакта',
      few: '{count} точки контакта',
      many: '{count} точек контакта',
      other: '{count} точки контакта',
    },
    updated: 'Изменена {date}',
    open: 'Открыть',
    rename: 'Переименовать',
    duplicate: 'Дублировать',
    delete: 'Удалить',
    copyTitle: 'Копия: {title}',
    deleteTitle: 'Удалить карту?',
    deleteMessage: '«{title}» будет удалена со всем содержимым. Это нельзя отменить.',
    deleteConfirm: 'Удалить карту',
    loadFailed: 'Не удалось загрузить список карт. Обновите страницу, чтобы попробовать снова.',
    operationFailed: 'Не получилось. Проверьте подключение и попробуйте ещё раз.',
  },
  map: {
    backToList: 'Все карты',
    titleLabel: 'Название карты',
    openMapPanel: 'Персона и сценарий',
    loading: 'Открываем карту…',
    notFoundTitle: 'Карта не найдена',
    notFoundBody: 'Такой карты нет или она удалена. Проверьте ссылку или выберите карту из списка.',
    failedTitle: 'Не удалось открыть карту',
    failedBody: 'При загрузке что-то пошло не так. Обновите страницу, чтобы попробовать снова.',
    goToList: 'К списку карт',
  },
};
